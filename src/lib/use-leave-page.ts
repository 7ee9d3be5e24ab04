// Leaving a page once the outcome that sends the person elsewhere has rendered. A page that
// navigates from a mutation's onSuccess renders again afterwards (the mutation settles, its
// button stops loading); when the navigation has closed the page by then, that render reaches a
// page WeChat has unloaded, whose setData it drops. Navigating from an effect of the render that
// holds the outcome leaves after the page's last update.
import Taro from '@tarojs/taro'
import { useEffect } from 'react'

/** Goes to `url` (closing every page: reLaunch) as soon as it is given. */
export const useLeavePage = (url: string | undefined): void => {
  useEffect(() => {
    if (url) void Taro.reLaunch({ url })
  }, [url])
}
