import { schemaTypesConfig } from './src/codegen-config';

export default schemaTypesConfig();
