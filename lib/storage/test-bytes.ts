/** Test data for the storage round trips: every byte value, repeated to `megabytes` MB, with a varying tail so no two blocks are alike. */
export function binaryTestDocument(megabytes: number): Buffer {
  const size = Math.round(megabytes * 1024 * 1024) + 17; // not a multiple of any chunk size
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i + Math.floor(i / 256) * 7) & 0xff;
  return bytes;
}
