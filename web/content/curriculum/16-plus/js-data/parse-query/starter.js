function parseQuery(query) {
  const result = {};
  for (const pair of query.split("&")) {
    const [key, value] = pair.split("=");
    // No decoding yet, and a key without = gets undefined.
    result[key] = value;
  }
  return result;
}

console.log(parseQuery("q=hot+dogs&page=2"));
