import Link from "next/link";
import { EmergencyAccessRequest } from "@/components/emergency-access/emergency-access-request";

/**
 * The console's answer to a thread the person cannot open: still a 404 (page.tsx calls
 * notFound() before anything streams — keep any loading.tsx out of this segment's path), still
 * the same words whether the thread exists or not, plus the break-the-glass request.
 *
 * Only staff get here: the console layout answers everyone else with the app's plain 404
 * before this segment renders, and every staff role may request emergency access (the API
 * checks the capability again). Static on purpose: Next ships this component with every
 * thread page, so it must not read data.
 */
export default function ConsoleThreadNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-6 py-6">
      <div className="space-y-2 text-center">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-slate-600">There is nothing here, or you do not have access to it.</p>
        <Link href="/console" className="inline-block text-sm font-medium text-brand-700 hover:underline">
          ← Back to the queue
        </Link>
      </div>
      <EmergencyAccessRequest />
    </div>
  );
}
