// Builds one ESM bundle and one bundled .d.ts per public entry.
// Babylon, onnxruntime-web and every other dependency stay external so games tree-shake them.
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { rmSync } from 'node:fs';

const entries = {
  index: 'src/index.ts',
  gui: 'src/gui/index.ts',
  onnxruntime: 'src/onnxruntime/index.ts',
};

/** Removes a folder once its step is done (the intermediate declarations, the previous build). */
const remove = (dir, hook) => ({ name: `remove-${dir}`, [hook]: () => rmSync(dir, { recursive: true, force: true }) });

/** Anything that is not a relative or absolute path is a package: leave it to the user's bundler. */
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default [
  {
    input: entries,
    external,
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    plugins: [
      remove('dist', 'buildStart'),
      typescript({
        tsconfig: './tsconfig.build.json',
        declaration: true,
        declarationDir: 'dist/types',
        outDir: 'dist',
      }),
    ],
  },
  ...Object.keys(entries).map((name, i, names) => ({
    input: `dist/types/${name === 'index' ? 'index' : `${name}/index`}.d.ts`,
    external,
    output: { file: `dist/${name}.d.ts`, format: 'es' },
    plugins: i === names.length - 1 ? [dts(), remove('dist/types', 'closeBundle')] : [dts()],
  })),
];
