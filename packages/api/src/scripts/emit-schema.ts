import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printAppSchema, SCHEMA_FILE } from '../graphql/print-schema';

printAppSchema()
  .then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`schema written to ${SCHEMA_FILE}`);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
