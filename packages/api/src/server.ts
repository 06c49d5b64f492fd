import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
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
import type { ReadLetters } from './modules/notifications/mailbox';
import { readSessionToken } from './modules/accounts/session-cookie';
import { PeriodFundingListeners } from './modules/certificates/period-funding';
import { ContractApplications } from './modules/contracts/contract-applications';
import { ContractFundingService } from './modules/contracts/contract-funding.service';
import { ContractApplicationSide } from './modules/enrollment/contract-application-side';
import { CatalogCache } from './modules/catalog/catalog-cache';
import { CatalogChanges } from './modules/catalog/catalog-changes';
import { CatalogResponses } from './modules/catalog/catalog-responses';
import { graphqlHandler } from './graphql/graphql-handler';

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
  /** The development mailbox's letters, shown at `/dev/mail`; ignored outside development. */
  devMail?: ReadLetters;
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
  // Idle keep-alive connections outlive a load balancer's idle timeout (60 s on common ones) and a client's pause between
  // bursts: with Node's 5 s, a pooled connection could be closed just as a request was written on it (ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const schema = await createSchema(container);
  const accounts = container.get(AccountService);
  const catalogChanges = container.get(CatalogChanges);
  const catalogResponses = container.get(CatalogResponses);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    // The worker (process/worker.ts) owns the shutdown order: HTTP, jobs, pool; then the primary stops Postgres.
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
      catalogResponses.plugin(),
    ],
  });
  await apollo.start();
  // Until it listens, nothing is cached: the first requests are computed, none is answered stale.
  await catalogChanges.start();

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
      res.json({ status: 'ok', catalogCache: { ...container.get(CatalogCache).stats(), responses: catalogResponses.stats() } });
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
    catalogResponses.serveKept(),
    queryLimits(schema),
    graphqlHandler(
      apollo,
      async (req, res): Promise<GraphQLContext> => {
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
      catalogResponses,
    ),
  );

  app.use('/graphql', bodyErrors(logger));
  app.use('/reports', createReportsRouter(container));
  // Letters carry live links into accounts: the mailbox page exists in development only, whatever else is configured.
  if (config.env === 'development' && options.devMail) app.use('/dev/mail', createDevMailRouter(options.devMail));
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
    stop: async () => {
      await apollo.stop();
      await catalogChanges.stop();
    },
  };
}
