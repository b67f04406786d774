"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated, then true. Forms that hold
 * secrets keep their submit button disabled until then: a click before hydration would
 * otherwise submit the form natively — a full page load that drops what was typed, and
 * without `method="post"` would put the fields into the address.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
