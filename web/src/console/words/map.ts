/* The console's words for an order's map (messages.ts gives them as `console.map.`). */
export const zh = {
  title: '位置',
  region: '订单位置地图',
  order: '下单位置',
  unit: '负责单位：{name}',
  apart: '{name}距下单位置 {distance}',
  km: '{value} 公里',
  m: '{value} 米',
  noPosition: '订单没有位置。',
  noTiles: '未配置底图（practice.people-ends.map.tiles），地图只画出位置和比例尺。',
  failed: '地图无法显示；位置见上方坐标。',
}

export const en: typeof zh = {
  title: 'Where',
  region: 'Map of the order\'s position',
  order: 'Ordered here',
  unit: 'Responsible unit: {name}',
  apart: '{name} is {distance} from where the order was placed',
  km: '{value} km',
  m: '{value} m',
  noPosition: 'The order has no position.',
  noTiles: 'No map tiles are configured (practice.people-ends.map.tiles): the map shows the positions and the scale only.',
  failed: 'The map cannot be shown; the coordinates are above.',
}
