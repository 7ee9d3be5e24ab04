// Keeping an invitation's QR code on H5: the browser downloads the PNG under a file name of its
// own (the mini-program's is qr-image.ts).
export const SAVE_QR_LABEL = '下载二维码'

export const saveQrImage = async (dataUrl: string, fileName: string): Promise<void> => {
  const link = document.createElement('a')
  link.href = dataUrl
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
}
