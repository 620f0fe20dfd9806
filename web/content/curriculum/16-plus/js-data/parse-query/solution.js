function decode(text) {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

function parseQuery(query) {
  const result = {};
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const [key, value] = pair.split("=");
    result[decode(key)] = decode(value ?? "");
  }
  return result;
}

console.log(parseQuery("q=hot+dogs&page=2"));
