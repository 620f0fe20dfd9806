// Its own module so the page can show it without pulling Monaco into the first bundle.
export function EditorLoading() {
  return (
    <div className="flex h-full w-full items-center justify-center bg-editor text-sm text-muted-foreground">
      Loading editor…
    </div>
  );
}
