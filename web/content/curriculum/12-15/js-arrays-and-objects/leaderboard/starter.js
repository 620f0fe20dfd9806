function leaderboard(players, count) {
  // Names in the order they came, not best first.
  return players.map((player) => player.name);
}

console.log(
  leaderboard(
    [
      { name: "Ana", score: 50 },
      { name: "Ben", score: 80 },
      { name: "Cy", score: 20 },
    ],
    2,
  ),
);
