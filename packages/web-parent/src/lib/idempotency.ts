/** A key for one attempt at a money-moving action; a retry with it cannot act twice. (randomUUID needs HTTPS; this works everywhere.) */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
