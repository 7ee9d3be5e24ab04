// The page H5 was opened on: the hash router's path ('#/pages/home/index?…'), '' for the bare
// address, which opens the first page (the 工作台).
export const launchPath = (): string => window.location.hash.replace(/^#\/?/, '').replace(/\?.*$/, '')
