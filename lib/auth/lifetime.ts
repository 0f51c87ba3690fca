/** Whether a session that began at `signedInAt` (ms) is past its absolute lifetime; activity never extends it. */
export function sessionExpired(signedInAt: number, maxHours: number, now: number = Date.now()): boolean {
  return now - signedInAt >= maxHours * 60 * 60 * 1000;
}
