/** Every background job type and the function that runs it. */
import { failAttachmentScan, scanAttachmentJob } from "../attachments/scan-attachment";
import { scanJobType } from "../attachments/scan-job";
import { memberReplyEmailJob, staffAlertEmailJob } from "../email/email-jobs";
import { giveUpEmail, sendMemberReplyEmailJob } from "../email/send-member-reply-email";
import { sendStaffAlertEmailJob } from "../email/send-staff-alert-email";
import type { JobHandlers } from "./job-types";

export const jobHandlers: JobHandlers = {
  [scanJobType]: { run: (job) => scanAttachmentJob(job), onDead: (job) => failAttachmentScan(job) },
  // Alert emails (docs/notifications.md): an SMTP outage is retried with back-off.
  [memberReplyEmailJob]: { run: (job) => sendMemberReplyEmailJob(job), onDead: (job) => giveUpEmail(job) },
  [staffAlertEmailJob]: { run: (job) => sendStaffAlertEmailJob(job), onDead: (job) => giveUpEmail(job) },
};
