import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { Clock, SystemClock } from './common/clock';
import { AppSettings, Container } from './common/container';
import type { GraphQLContext } from './common/graphql-context';
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from './db/availability';
import { createDevToolsRouter } from './dev/dev-tools.router';
import { createFormatError } from './graphql/format-error';
import { httpStatusPlugin } from './graphql/http-status';
import { compressResponses, serveSpa } from './http/spa-static';
import { servePlayground } from './http/playground';
import { Loaders } from './common/loaders';
import { httpCachePlugin } from './graphql/http-cache';
import { queryLimits } from './graphql/query-limits';
import { jobs } from './jobs/jobs';
import { createSchema } from './graphql/schema';
import type { Logger } from './logger';
import { AccountService } from './modules/accounts/account.service';
import { createReportsRouter } from './modules/billing/reports.router';
import { createDevMailRouter } from './modules/notifications/dev-mail.router';
import type { Mailbox } from './modules/notifications/mailbox';
import { readSessionToken } from './modules/accounts/session-cookie';
import { PeriodFundingListeners } from './modules/certificates/period-funding';
import { ContractApplications } from './modules/contracts/contract-applications';
import { ContractFundingService } from './modules/contracts/contract-funding.service';
import { ContractApplicationSide } from './modules/enrollment/contract-application-side';
import { CatalogCache } from './modules/catalog/catalog-cache';

export interface AppServer {
  app: Express;
  container: Container;
  httpServer: http.Server;
  listen(port: number): Promise<number>;
  stop(): Promise<void>;
}

/** Wires the container for one application instance (one database). */
export function createContainer(dataSource: DataSource, config: AppConfig, logger: Logger, clock: Clock = new SystemClock()): Container {
  const container = new Container().set(AppSettings, new AppSettings(config, logger)).set(DataSource, dataSource).set(Clock, clock);
  // Modules depend one way (README «Architecture»); a module earlier in the order calls a later one back only through a seam wired here:
  // certificates tell contracts when a period's money arrives, contracts tell enrollment when a contract is signed or ends.
  container.get(PeriodFundingListeners).add(container.get(ContractFundingService));
  container.get(ContractApplications).register(container.get(ContractApplicationSide));
  return container;
}

function clientIp(req: Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}

/**
 * Body-parser refusals (too large, malformed JSON, wrong charset) as GraphQL
 * shaped JSON with their own status; Express would answer them with an HTML
 * page carrying the stack trace outside production.
 */
function bodyErrors(logger: Logger): ErrorRequestHandler {
  return (err: { status?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, 'unexpected error before GraphQL');
    const [code, message] =
      status === 413
        ? ['PAYLOAD_TOO_LARGE', 'Запрос слишком большой']
        : err.type === 'entity.parse.failed'
          ? ['BAD_REQUEST', 'Тело запроса — не корректный JSON']
          : status === 500
            ? ['INTERNAL_SERVER_ERROR', 'Внутренняя ошибка сервера. Мы уже знаем о ней; попробуйте позже.']
            : ['BAD_REQUEST', 'Запрос не удалось прочитать'];
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

export interface ServerOptions {
  /** The development mailbox, shown at `/dev/mail`; ignored outside development. */
  devMailbox?: Mailbox;
}

export async function createServer(
  dataSource: DataSource,
  config: AppConfig,
  logger: Logger,
  container = createContainer(dataSource, config, logger),
  options: ServerOptions = {},
): Promise<AppServer> {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await createSchema(container);
  const accounts = container.get(AccountService);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    // main.ts owns the shutdown order (HTTP, jobs, pool, Postgres).
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(logger, config.env === 'development'),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      httpStatusPlugin(),
      ApolloServerPluginCacheControlDisabled(),
      httpCachePlugin(),
    ],
  });
  await apollo.start();

  /** A session lookup that cannot reach the database is the server's trouble, told as such (503), not a crash (500). */
  const authenticate = async (token: string) => {
    try {
      return await accounts.authenticate(token);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      throw new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
    }
  };

  app.get('/healthz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok', catalogCache: container.get(CatalogCache).stats() });
    } catch (err) {
      logger.error({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  servePlayground(app, config);
  app.use(['/graphql', '/reports'], compressResponses());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    queryLimits(schema),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const token = readSessionToken(req);
        const session = token ? await authenticate(token) : null;
        return {
          actor: session?.actor,
          sessionId: session?.sessionId,
          ip: clientIp(req),
          userAgent: req.get('user-agent') ?? null,
          req,
          res,
          loaders: new Loaders(dataSource),
          dataSource,
        };
      },
    }),
  );

  app.use('/graphql', bodyErrors(logger));
  app.use('/reports', createReportsRouter(container));
  // Letters carry live links into accounts: the mailbox page exists in development only, whatever else is configured.
  if (config.env === 'development' && options.devMailbox) app.use('/dev/mail', createDevMailRouter(options.devMailbox));
  if (config.clockStart) app.use('/dev', createDevToolsRouter(container, jobs, logger));

  serveSpa(app, '/provider', config.webProviderDist, 'The provider SPA');
  serveSpa(app, '/', config.webParentDist, 'The parent SPA');

  return {
    app,
    container,
    httpServer,
    listen: (port) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, () => resolve((httpServer.address() as { port: number }).port));
      }),
    stop: () => apollo.stop(),
  };
}
