import { Client } from 'pg';
import { PLAN_EACH_CALL } from '../common/sql';

/** Statement texts a connection keeps prepared; later texts run unnamed, so the server's memory per connection stays bounded. */
const MAX_PREPARED = 256;

type Callback = (err: Error | null, result: unknown) => void;

/**
 * A pg client that keeps each parameterized statement prepared on its
 * connection (a named statement), so PostgreSQL parses, analyses and plans it
 * once per connection instead of on every call. The enrollment rush measured
 * planning alone at about a third of the database's time per request: the
 * confirmation's eight-table read took longer to plan than to run. After five
 * executions PostgreSQL keeps a generic plan only when it costs no more than
 * the custom ones, so a primary-key lookup stops being planned at all.
 *
 * Turned off with DB_PREPARE_STATEMENTS=false for a pooler in transaction
 * mode (PgBouncer before 1.21), where a prepared statement does not follow
 * the connection.
 */
export class PreparingClient extends Client {
  private readonly names = new Map<string, string>();

  // pg's query() is heavily overloaded; TypeORM calls it as (text, values, callback).
  override query(...args: unknown[]): never {
    const [text, values, callback] = args as [unknown, unknown, Callback | undefined];
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && !text.includes(PLAN_EACH_CALL)) {
      let name = this.names.get(text);
      if (!name && this.names.size < MAX_PREPARED) {
        name = `navigator_${this.names.size}`;
        this.names.set(text, name);
      }
      if (name) return (super.query as (...a: unknown[]) => never)({ name, text, values }, callback);
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
