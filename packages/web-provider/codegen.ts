import { codegenConfig } from '@navigator/web-shared/codegen-config';

// Operations are typed from the API's committed schema; run `pnpm codegen` after changing either.
export default codegenConfig();
