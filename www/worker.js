// The Reports page's worker: see www/src/reports/worker.rs.
let app;
onmessage = async ({ data }) => {
  if (typeof data[0] == "string") {
    app = import(data[0]).then(async (m) => (await m.default({ module_or_path: data[1] }), m));
    return;
  }
  try {
    const read = (await app).read_report_file(data[0], data[1]);
    postMessage(read, [read.buffer]);
  } catch (error) {
    postMessage(String(error));
  }
};
