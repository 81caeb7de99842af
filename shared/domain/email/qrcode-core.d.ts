// qrcode's encoder on its own (lib/core), without the renderers and their PNG library: the same
// `create` as the package's main module, whose types @types/qrcode declares.
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
