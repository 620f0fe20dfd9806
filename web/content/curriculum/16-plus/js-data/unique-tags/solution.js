function uniqueTags(posts) {
  return [...new Set(posts.flatMap((post) => post.tags))].sort();
}

console.log(
  uniqueTags([
    { title: "A", tags: ["web", "js"] },
    { title: "B", tags: ["js", "css"] },
  ]),
);
