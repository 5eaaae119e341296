// Typst through its Node.js compiler (npm @myriaddreamin/typst-ts-node-compiler):
//   node bench/peers/typst.mjs IN.typ OUT.pdf FONT_DIR...
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const [input, output, ...fontPaths] = process.argv.slice(2);
const compiler = NodeCompiler.create({
  workspace: dirname(resolve(input)),
  fontArgs: [{ fontPaths }],
});
const pdf = compiler.pdf({ mainFilePath: resolve(input) });
writeFileSync(output, pdf);
