import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

/**
 * Vant's icon font is inlined as a data: URL with a fallback on Alibaba's CDN; a browser that takes the data: URL
 * never asks the CDN, but nothing here may name one, so the fallback is cut (scripts/check-dist.mjs checks the result).
 */
function noCdnFallback(): Plugin {
  return {
    name: 'practice-no-cdn-fallback',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('vant') || !id.includes('.css')) return null
      return code.replace(/,\s*url\(["']?(https?:)?\/\/[^)]*\)\s*format\(["'][^"']*["']\)/g, '')
    },
  }
}

export default defineConfig({
  base: '/app/',
  // Vant for the people's pages, Element Plus for the staff console (ADR 0017); each imported where it is used, so
  // neither reaches the other's bundle.
  plugins: [vue(), Components({ resolvers: [VantResolver(), ElementPlusResolver()], dts: false }), noCdnFallback()],
  build: {
    outDir: 'target/classes/people-web',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Safari 12 / Chrome 69-era WebViews (WeChat's in-app browser on older phones) run what this produces.
    target: ['es2019', 'chrome69', 'safari12'],
    rollupOptions: { input: { index: 'index.html', tv: 'tv.html', console: 'console.html' } },
    // The HEIC converter (libheif in WebAssembly, ~3 MB, 750 kB gzipped) is its own chunk, loaded only when a phone
    // picks a HEIC photo (evidence/photos.ts, ADR 0021); every other chunk stays far below this.
    chunkSizeWarningLimit: 3000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/oauth2': 'http://127.0.0.1:8080', '/login': 'http://127.0.0.1:8080' } },
  // Generous timeouts: the build runs these beside other modules' tests on two cores.
  test: { environment: 'happy-dom', testTimeout: 30_000, hookTimeout: 30_000, server: { deps: { inline: ['vant', 'element-plus'] } } },
})
