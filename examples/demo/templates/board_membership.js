// The board's socket joins the board (its group and its presence) through data-liveview-connect, on every socket it
// opens; when SPA navigation replaces the page, it leaves both (a closed socket leaves them by itself).
(function () {
  document.getElementById("main").__cleanup = () => {
    if (window.LiveView.state === "open") window.LiveView.send("leave_board");
  };
})();
