// While the board is shown, this page's socket is in the board's group: it joins when the socket opens (again after
// a reconnect, since a new socket starts in no group) and leaves when SPA navigation replaces the page.
(function () {
  const join = () => window.LiveView.send("join_board");
  if (window.LiveView && window.LiveView.state === "open") join();
  document.addEventListener("liveview:open", join);
  document.getElementById("main").__cleanup = () => {
    document.removeEventListener("liveview:open", join);
    if (window.LiveView.state === "open") window.LiveView.send("leave_board");
  };
})();
