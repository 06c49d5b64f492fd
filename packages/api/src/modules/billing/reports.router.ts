import { type Request, type Response, Router } from 'express';
import type { Container } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { AccountService } from '../accounts/account.service';
import { readSessionToken } from '../accounts/session-cookie';
import { BillingReportsService, type CsvFile } from './billing-reports.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

/**
 * CSV downloads (mounted at /reports): plain links the SPAs open, signed in
 * by the same session cookie or bearer token as /graphql; the services decide
 * who may read which invoice or registry.
 */
export function createReportsRouter(container: Container): Router {
  const router = Router();
  const accounts = container.get(AccountService);
  const reports = container.get(BillingReportsService);

  const download = (produce: (req: Request, actor: Awaited<ReturnType<AccountService['authenticate']>>) => Promise<CsvFile>) => async (req: Request, res: Response) => {
    try {
      const token = readSessionToken(req);
      const file = await produce(req, token ? await accounts.authenticate(token) : null);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(file.content);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      res.status(HTTP_STATUS[err.code] ?? 409).json({ code: err.code, message: err.message });
    }
  };

  router.get(
    '/invoices/:id.csv',
    download((req, session) => {
      const id = String(req.params.id);
      if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'Счёт не найден');
      return reports.invoiceCsv(session?.actor, id);
    }),
  );

  router.get(
    '/registry.csv',
    download((req, session) => {
      const month = String(req.query.month ?? '');
      const municipalityId = typeof req.query.municipalityId === 'string' ? req.query.municipalityId : null;
      if (municipalityId && !UUID.test(municipalityId)) throw new DomainError(ErrorCode.NOT_FOUND, 'Муниципалитет не найден');
      return reports.registryCsv(session?.actor, month, municipalityId);
    }),
  );

  return router;
}
