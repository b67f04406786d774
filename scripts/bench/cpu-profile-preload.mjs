/**
 * Profiles a bench server from its start to its exit: `BENCH_SERVER_NODE_OPTIONS="--import
 * ./scripts/bench/cpu-profile-preload.mjs"` (Node refuses --cpu-prof in NODE_OPTIONS). Writes
 * <CPU_PROFILE_DIR or /tmp>/server-<pid>.cpuprofile when the process exits (the bench stops
 * its servers with SIGTERM). Open it in Chrome DevTools or sum it by function. Profiles
 * hold function names and timings only, no request data.
 */
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 200 });
session.post("Profiler.start");
let written = false;
process.on("exit", () => {
  if (written) return;
  written = true;
  // A session on the same thread answers synchronously, so this runs before the exit.
  session.post("Profiler.stop", (error, result) => {
    if (error) return;
    const dir = process.env.CPU_PROFILE_DIR || "/tmp";
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
// The app has no SIGTERM handler of its own: without this the process would end without
// an "exit" event and the profile would be lost.
process.once("SIGTERM", () => process.exit(0));
