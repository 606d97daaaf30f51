import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import OrderMap from '../OrderMap.vue'
import * as words from '../messages'
import { makeI18n } from '../../i18n'
import { answerCalls, settle, type Answer } from '../../testing/mountPage'
import { forgetPageSettings } from '../../shared/settings'
import { axeViolations } from '../../testing/axe'
import { eventually } from '../../testing/eventually'

const ORDER = { latitude: 29.5, longitude: 106.5 }
const STATION = { name: '盘龙实践站', position: { latitude: 29.51, longitude: 106.5 } }

describe('an order\'s map', () => {
  let wrapper: VueWrapper
  let settings: Answer

  beforeEach(() => {
    forgetPageSettings()
    settings = { body: { map: {} } }
    answerCalls({ 'GET /app/settings.json': () => settings })
  })

  afterEach(() => wrapper?.unmount())

  async function show(props: { position: typeof ORDER | null; unit: typeof STATION | { name: string; position: null } | null }) {
    wrapper = mount(OrderMap, { props, attachTo: document.body, global: { plugins: [makeI18n('zh-CN', { console: words })] } })
    // Leaflet is imported with the first map: wait until the map is drawn (or has failed), not for a number of ticks.
    await eventually(() => expect(wrapper.get('[data-testid=order-map]').attributes('data-state')).not.toBe('loading'))
    await settle()
  }

  it('draws the order and its station with the line between them, and writes the distance for those who do not see it', async () => {
    await show({ position: ORDER, unit: STATION })
    expect(wrapper.get('[data-testid=order-map]').attributes('data-state')).toBe('shown')
    // Two circles and the dashed line, drawn as vector paths; their permanent labels name them.
    expect(wrapper.findAll('.leaflet-interactive')).toHaveLength(3)
    expect(wrapper.text()).toContain('下单位置')
    expect(wrapper.get('[data-testid=order-map-unit]').text()).toBe('负责单位：盘龙实践站')
    expect(wrapper.get('[data-testid=order-map-apart]').text()).toBe('盘龙实践站距下单位置 1.1 公里')
    expect(wrapper.get('[data-testid=order-map-no-tiles]').text()).toContain('practice.people-ends.map.tiles')
    expect(wrapper.find('.leaflet-tile-pane img').exists()).toBe(false)
    expect(wrapper.find('.leaflet-control-scale').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('lays the district\'s tiles under the positions when the deployment names a tile server', async () => {
    settings = { body: { map: { tiles: 'https://t{s}.tiles.example.cn/{z}/{x}/{y}.png', attribution: '© 区规划和自然资源局', subdomains: ['0', '1'], maxZoom: 17 } } }
    await show({ position: ORDER, unit: STATION })
    expect(wrapper.find('[data-testid=order-map-no-tiles]').exists()).toBe(false)
    expect(wrapper.get('.leaflet-control-attribution').text()).toContain('© 区规划和自然资源局')
    const tiles = wrapper.findAll('.leaflet-tile-pane img').map((img) => img.attributes('src') ?? '')
    expect(tiles.length).toBeGreaterThan(0)
    expect(tiles.every((src) => /^https:\/\/t[01]\.tiles\.example\.cn\/\d+\/\d+\/\d+\.png$/.test(src))).toBe(true)
  })

  it('shows the order alone while its unit\'s position is not known, and says when there is no position at all', async () => {
    await show({ position: ORDER, unit: { name: 'st-1', position: null } })
    expect(wrapper.findAll('.leaflet-interactive')).toHaveLength(1)
    expect(wrapper.find('[data-testid=order-map-apart]').exists()).toBe(false)
    wrapper.unmount()
    await show({ position: null, unit: STATION })
    expect(wrapper.get('[data-testid=order-map]').attributes('data-state')).toBe('none')
    expect(wrapper.text()).toContain('订单没有位置。')
    expect(wrapper.find('.leaflet-container').exists()).toBe(false)
  })

  it('adds the unit when its position arrives after the map is drawn', async () => {
    await show({ position: ORDER, unit: { name: 'st-1', position: null } })
    await wrapper.setProps({ unit: STATION })
    await settle()
    expect(wrapper.findAll('.leaflet-interactive')).toHaveLength(3)
    expect(wrapper.get('[data-testid=order-map-apart]').text()).toContain('1.1 公里')
  })
})
