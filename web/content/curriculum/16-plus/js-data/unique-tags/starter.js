function uniqueTags(posts) {
  // Every tag, duplicates and all, in the order they came.
  return posts.flatMap((post) => post.tags);
}

console.log(
  uniqueTags([
    { title: "A", tags: ["web", "js"] },
    { title: "B", tags: ["js", "css"] },
  ]),
);
