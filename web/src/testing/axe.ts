/*
 * axe-core's WCAG 2.1 A/AA rules on the page as mounted in a component test, as sentences naming the first nodes of
 * each violation; colour contrast is left to the browser tests (it needs layout, which happy-dom has not).
 */
import axe from 'axe-core'

export async function axeViolations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  })
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
}
