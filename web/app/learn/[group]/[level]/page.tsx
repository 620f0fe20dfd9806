import { redirect } from "next/navigation";

type Params = Promise<{ group: string; level: string }>;

// A level has no page of its own: it is a section of its group's map.
export default async function LevelPage({ params }: { params: Params }) {
  const { group, level } = await params;
  redirect(`/learn/${encodeURIComponent(group)}#${encodeURIComponent(level)}`);
}
