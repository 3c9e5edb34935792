import { defineConfig } from 'vite';

// The root index.html is the entry. `base: './'` makes every asset URL relative, so the built page
// works from any sub-path of an agency's site. Sample data is copied into www/public/sample by make.
export default defineConfig({
  base: './',
  publicDir: 'www/public',
  build: {
    outDir: 'dist',
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: {
      input: { main: 'index.html', embed: 'www/embed-example.html' },
    },
  },
  worker: { format: 'es' },
});
