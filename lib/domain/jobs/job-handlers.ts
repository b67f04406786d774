/** Every background job type and the function that runs it. */
import { scanAttachmentJob } from "../attachments/scan-attachment";
import { scanJobType } from "../attachments/scan-job";
import type { JobHandlers } from "./job-types";

export const jobHandlers: JobHandlers = {
  [scanJobType]: (job) => scanAttachmentJob(job),
};
