/** Where to go after signing in: only a path inside this site, so a crafted link cannot send a parent elsewhere. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
