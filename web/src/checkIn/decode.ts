/*
 * Reads the QR in a photo (the phone's camera through <input type="file" capture>, which every phone browser offers
 * without a camera permission): drawn on a canvas at most 1280 px wide (a 12-megapixel photo would take seconds to
 * scan), then jsQR finds and decodes the code. Loaded with the check-in page only.
 */
import jsQR from 'jsqr'

const LARGEST_SIDE = 1280

/** The text of the QR in the image, or null when the image holds none that can be read. */
export async function decodeQr(image: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(image)
  try {
    const scale = Math.min(1, LARGEST_SIDE / Math.max(bitmap.width, bitmap.height))
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return null
    context.drawImage(bitmap, 0, 0, width, height)
    const pixels = context.getImageData(0, 0, width, height)
    return jsQR(pixels.data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null
  } finally {
    bitmap.close()
  }
}
