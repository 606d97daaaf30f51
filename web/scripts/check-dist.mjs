// After the production build: nothing the pages load may come from another host (no CDN; the gateway's
// Content-Security-Policy would block it anyway, and an offline district network could not reach it).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../target/classes/people-web/', import.meta.url).pathname
const offenders = []
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) { walk(path); continue }
    if (!/\.(css|html|js)$/.test(name)) continue
    const text = readFileSync(path, 'utf8')
    const patterns = [/url\(\s*["']?(https?:)?\/\/[^)]*\)/g, /<(script|link|img|iframe)[^>]+(src|href)=["'](https?:)?\/\//g, /@import\s+["']?(https?:)?\/\//g]
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) offenders.push(`${path}: ${match[0].slice(0, 120)}`)
    }
  }
}
walk(root)
if (offenders.length) {
  console.error('check-dist: these load from another host:\n  ' + offenders.join('\n  '))
  process.exit(1)
}
console.log('check-dist: every asset is served from the platform itself')
