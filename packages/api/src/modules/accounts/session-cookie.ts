import type { Request, Response } from 'express';
import { parse } from 'cookie';

export const SESSION_COOKIE = 'navigator_session';

export function readSessionToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookies = parse(req.headers.cookie ?? '');
  return cookies[SESSION_COOKIE] ?? null;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
