import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { cn } from "@/components/ui/cn";

// Lesson text comes from our own curriculum files; react-markdown still renders no raw HTML from it.
const components: Components = {
  h1: ({ node: _, className, ...props }) => (
    <h2 className={cn("mt-8 mb-3 text-xl font-semibold tracking-tight", className)} {...props} />
  ),
  h2: ({ node: _, className, ...props }) => (
    <h2 className={cn("mt-8 mb-3 text-lg font-semibold tracking-tight text-foreground", className)} {...props} />
  ),
  h3: ({ node: _, className, ...props }) => (
    <h3 className={cn("mt-6 mb-2 text-base font-semibold", className)} {...props} />
  ),
  p: ({ node: _, className, ...props }) => <p className={cn("my-3 leading-7", className)} {...props} />,
  ul: ({ node: _, className, ...props }) => (
    <ul className={cn("my-3 list-disc space-y-1.5 pl-6 marker:text-primary", className)} {...props} />
  ),
  ol: ({ node: _, className, ...props }) => (
    <ol
      className={cn("my-3 list-decimal space-y-1.5 pl-6 marker:font-semibold marker:text-primary", className)}
      {...props}
    />
  ),
  li: ({ node: _, className, ...props }) => <li className={cn("pl-1 leading-7", className)} {...props} />,
  strong: ({ node: _, className, ...props }) => (
    <strong className={cn("font-semibold text-foreground", className)} {...props} />
  ),
  a: ({ node: _, className, href, ...props }) => (
    <a
      href={href}
      className={cn("font-medium text-info underline underline-offset-4 hover:text-foreground", className)}
      {...(href?.startsWith("http") ? { target: "_blank", rel: "noreferrer" } : {})}
      {...props}
    />
  ),
  blockquote: ({ node: _, className, ...props }) => (
    <blockquote
      className={cn("my-4 rounded-r-lg border-l-4 border-info/60 bg-info/5 py-1 pr-3 pl-4 text-foreground", className)}
      {...props}
    />
  ),
  code: ({ node: _, className, ...props }) => (
    <code
      className={cn(
        "rounded-md border border-border bg-secondary box-decoration-clone px-1.5 py-0.5 font-mono text-[0.875em] text-emerald-800 dark:text-emerald-200",
        className,
      )}
      {...props}
    />
  ),
  // Code blocks: the <code> inside drops its inline-chip look.
  pre: ({ node: _, className, ...props }) => (
    <pre
      className={cn(
        "my-4 overflow-x-auto rounded-xl border border-border bg-editor px-4 py-3 font-mono text-sm leading-6 text-foreground [&>code]:border-0 [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-[1em] [&>code]:text-foreground",
        className,
      )}
      {...props}
    />
  ),
  hr: ({ node: _, className, ...props }) => <hr className={cn("my-6 border-border", className)} {...props} />,
};

export function Markdown({ children, className }: { children: string } & Pick<ComponentProps<"div">, "className">) {
  return (
    <div className={cn("text-[15px] text-foreground/90 [&>*:first-child]:mt-0", className)}>
      <ReactMarkdown components={components}>{children}</ReactMarkdown>
    </div>
  );
}
