/* The page's clock, ticking each second: the SLA clocks count down from it without asking the platform again. */
import { onMounted, onUnmounted, ref } from 'vue'

export function useNow(every = 1000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => { timer = setInterval(() => { now.value = Date.now() }, every) })
  onUnmounted(() => clearInterval(timer))
  return now
}
