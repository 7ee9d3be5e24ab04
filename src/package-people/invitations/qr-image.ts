// Keeping an invitation's QR code (a PNG data URL from the server) in the mini-program: written to
// the app's own files, then saved to the phone's album, from where it is sent in any chat. (H5 has
// its own file, qr-image.h5.ts.) Failures reject with a Chinese message to show as it is.
import Taro from '@tarojs/taro'

export const SAVE_QR_LABEL = '保存二维码图片'

export const saveQrImage = async (dataUrl: string, fileName: string): Promise<void> => {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: dataUrl.replace(/^data:image\/png;base64,/, ''),
      encoding: 'base64',
      success: () => resolve(),
      fail: () => reject(new Error('二维码图片保存失败，请截屏保存')),
    })
  })
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
  } catch {
    throw new Error('未能存入相册：请在「设置」中允许保存到相册，或截屏保存')
  }
}
