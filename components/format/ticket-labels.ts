export const statusLabels: Record<string, string> = {
  NEW: "New",
  OPEN: "Open",
  PENDING: "Pending",
  ON_HOLD: "On hold",
  SOLVED: "Solved",
  CLOSED: "Closed",
};

export const priorityLabels: Record<string, string> = { LOW: "Low", NORMAL: "Normal", HIGH: "High", URGENT: "Urgent" };

/** Case types offered in the ticket sidebar; the API accepts any short text. */
export const caseTypes = ["Benefits question", "Find care", "Prescription", "Billing", "Claims", "Care coordination", "Clinical question", "Other"];
