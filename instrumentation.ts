// Next.js calls register() once when a server instance starts, before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startSystem } = await import("./lib/domain/system/start-system");
  await startSystem();
}
