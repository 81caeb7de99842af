// esbuild loads .css as text (see web/build.ts); the widget adopts it into its shadow root.
declare module '*.css' {
  const css: string;
  export default css;
}
