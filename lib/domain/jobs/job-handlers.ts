/** Every background job type and the function that runs it. */
import { failAttachmentScan, scanAttachmentJob } from "../attachments/scan-attachment";
import { scanJobType } from "../attachments/scan-job";
import type { JobHandlers } from "./job-types";

export const jobHandlers: JobHandlers = {
  [scanJobType]: { run: (job) => scanAttachmentJob(job), onDead: (job) => failAttachmentScan(job) },
};
