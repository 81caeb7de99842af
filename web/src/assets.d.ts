// The widget's CSS, joined from src/styles by web/build.ts and put in the bundle as a string
// (esbuild `define`); the widget adopts it into its shadow root.
declare const __WIDGET_CSS__: string;
