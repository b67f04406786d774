/**
 * Query parameters as a plain object for a zod schema. The list schemas are strict, so an
 * unknown parameter is a 422 rather than silently ignored. A repeated parameter keeps its
 * last value.
 */
export function queryParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
