// The link an invitation's QR code holds: opened by WeChat's scanner inside the mini-program, it
// hands the code over; opened anywhere else, GET /invite explains what to do with it
// (server/http/invite-page.ts). The QR code is drawn by the `qrcode` package as a PNG data URL.
import { parseEnv, publicBaseUrlOf } from '../../env'
import { loadQRCode } from '../../lib/on-demand-libraries'

/** Where tools and tests, which set no address, point links: the server's default address. */
const DEFAULT_BASE_URL = publicBaseUrlOf(parseEnv({} as NodeJS.ProcessEnv))

export const invitationLink = (baseUrl: string | undefined, code: string): string =>
  `${baseUrl ?? DEFAULT_BASE_URL}/invite?code=${code}`

export const qrCodeDataUrlOf = async (link: string): Promise<string> =>
  (await loadQRCode()).toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 320 })
