/* Leaflet and its style sheet, loaded together with the first map (the order page's own chunk stays small). */
import 'leaflet/dist/leaflet.css'

export { circleMarker, control, latLngBounds, layerGroup, map, polyline, tileLayer } from 'leaflet'
export type { LatLngExpression, LayerGroup, Map as LeafletMap } from 'leaflet'
