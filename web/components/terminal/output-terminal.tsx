"use client";

import dynamic from "next/dynamic";

// xterm touches `window` when its module loads, so it is never rendered on the server.
export const OutputTerminal = dynamic(() => import("./xterm-output").then((m) => m.XtermOutput), {
  ssr: false,
  loading: () => <div className="h-full w-full bg-editor" />,
});
