// The Reports page's worker: see www/src/reports/worker.rs.
let app;

onmessage = async ({ data }) => {
  if (typeof data[0] === "string") {
    const [bindings, module] = data;
    app = import(bindings).then(async (glue) => {
      await glue.default({ module_or_path: module });
      return glue;
    });
    return;
  }
  try {
    const [input, bytes] = data;
    const read = (await app).read_report_file(input, bytes);
    postMessage(read, [read.buffer]);
  } catch (error) {
    postMessage(String(error));
  }
};
