import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** Lints `code` as if it were the file at `file` (relative to the repository root) and returns the boundary errors. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('module boundaries (eslint.config.mjs, run by the test command)', () => {
  it('refuses a module importing a module after it in the order', async () => {
    const errors = await boundaryErrors('packages/api/src/modules/contracts/fixture.ts', `import { ChargeService } from '../billing/charge.service';\nexport const s = ChargeService;\n`);
    expect(errors).toEqual([expect.stringContaining('modules/contracts may import only common/ and the modules before it')]);
  });

  it('refuses a module importing upward from graphql, jobs or the server', async () => {
    const code = `import { resolvers } from '../../graphql/resolvers';\nimport { jobs } from '../../jobs/jobs';\nimport { createContainer } from '../../server';\nexport const all = [resolvers, jobs, createContainer];\n`;
    expect(await boundaryErrors('packages/api/src/modules/catalog/fixture.ts', code)).toHaveLength(3);
  });

  it('refuses common/ importing a module', async () => {
    const errors = await boundaryErrors('packages/api/src/common/fixture.ts', `import { Contract } from '../modules/contracts/contract.entity';\nexport const c = Contract;\n`);
    expect(errors).toEqual([expect.stringContaining('common/ is the lowest layer')]);
  });

  it('lets a module import common/, configuration and the modules before it', async () => {
    const code = `import { Role } from '../../common/role';\nimport type { AppConfig } from '../../config';\nimport { LedgerService } from '../certificates/ledger.service';\nimport { Contract } from '../contracts/contract.entity';\nexport const all: unknown[] = [Role, LedgerService, Contract, {} as AppConfig];\n`;
    expect(await boundaryErrors('packages/api/src/modules/billing/fixture.ts', code)).toEqual([]);
  });
});
