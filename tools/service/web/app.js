// The job service page's script (served as /app.js: the CSP allows no inline script).
// It signs in through POST /api/v1/session: the server sets an HttpOnly session
// cookie that EventSource and <video> send too; this script never sees it.
"use strict";
const $ = (id) => document.getElementById(id);
let source = null, current = null, refresher = null;

async function api(path, options = {}) {
  const res = await fetch(path, { credentials: "same-origin", ...options });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(body.error || res.statusText), { status: res.status, body });
  return body;
}

function showLogin(message) {
  $("app").hidden = true; $("sign-out").hidden = true; $("login-panel").hidden = false;
  $("login-error").textContent = message || "";
}

async function start() {
  try {
    const catalog = await api("/api/v1/graphs");
    $("login-panel").hidden = true; $("app").hidden = false; $("sign-out").hidden = false;
    fillGraphs(catalog.graphs);
    refreshJobs();
    if (!refresher) refresher = setInterval(refreshJobs, 2000);
  } catch (e) {
    showLogin(e.status === 401 ? "" : e.message);
  }
}

$("login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    await api("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: $("token").value }),
    });
  } catch (e) {
    showLogin(e.status === 401 ? "That token was not accepted." : e.message);
    return;
  }
  $("token").value = "";
  start();
});

$("sign-out").addEventListener("click", async () => {
  if (source) { source.close(); source = null; }
  await api("/api/v1/session", { method: "DELETE" }).catch(() => {});
  showLogin("");
});

function fillGraphs(graphs) {
  const select = $("graph");
  select.innerHTML = "";
  for (const g of graphs) {
    const opt = document.createElement("option");
    opt.value = g.name; opt.textContent = g.name; opt.graph = g;
    select.appendChild(opt);
  }
  select.onchange = () => showVariables(select.selectedOptions[0]?.graph);
  showVariables(graphs[0]);
}

// One form field per variable, shaped by its declaration (GET /api/v1/graphs): the
// server checks every value again, the form only helps to get it right first.
function variableField(v) {
  let field;
  if (v.type === "enum") {
    field = document.createElement("select");
    for (const c of v.choices) {
      const opt = document.createElement("option");
      opt.value = c; opt.textContent = c;
      field.appendChild(opt);
    }
    field.value = v.default ?? v.choices[0];
  } else {
    field = document.createElement("input");
    if (v.type === "bool") {
      field.type = "checkbox"; field.checked = v.default === "true";
    } else if (v.type === "int" || v.type === "number") {
      field.type = "number"; field.step = v.type === "int" ? "1" : "any";
      if (v.min !== undefined) field.min = v.min;
      if (v.max !== undefined) field.max = v.max;
      field.value = v.default ?? "";
    } else {
      field.type = "text"; field.maxLength = v.max_length;
      if (v.pattern) field.pattern = v.pattern;
      field.value = v.default ?? "";
    }
  }
  field.id = "var-" + v.name; field.name = v.name; field.dataset.type = v.type;
  field.required = v.required;
  if (v.description) field.title = v.description;
  return field;
}

function showVariables(graph) {
  $("vars").innerHTML = "";
  // A batch sets each job's `topic`: only a graph that has one can make batches.
  const topic = graph && graph.variables.find((v) => v.name === "topic" && !v.trusted);
  $("batch-panel").hidden = !topic;
  $("batch-topics").dataset.maxLength = topic ? topic.max_length : "";
  $("graph-description").textContent = graph ? graph.description : "No graphs are allowed on this server.";
  // A trusted variable is the server's to set, never a job's: it gets no field.
  for (const v of graph ? graph.variables.filter((v) => !v.trusted) : []) {
    const label = document.createElement("label");
    label.textContent = v.description ? v.name + " — " + v.description : v.name;
    label.htmlFor = "var-" + v.name;
    $("vars").append(label, variableField(v));
  }
}

function formVariables(except) {
  const variables = {};
  for (const field of $("vars").querySelectorAll("[data-type]")) {
    if (field.name === except) continue;
    const type = field.dataset.type;
    if (type === "bool") variables[field.name] = field.checked;
    else if ((type === "int" || type === "number") && field.value !== "") variables[field.name] = Number(field.value);
    else variables[field.name] = field.value;
  }
  return variables;
}

$("job-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("submit-error").textContent = "";
  const variables = formVariables();
  try {
    const job = await api("/api/v1/jobs", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ graph: $("graph").value, variables }),
    });
    refreshJobs();
    watch(job.id);
  } catch (e) {
    showRefusal($("submit-error"), e);
  }
});

function showRefusal(element, e) {
  const lines = (e.body && e.body.diagnostics || []).map((d) => d.text);
  for (const t of (e.body && e.body.topics) || [])
    lines.push("topic " + (t.index + 1) + ": " + t.diagnostics.map((d) => d.message).join("; "));
  element.textContent = [e.message, ...lines].join("\n");
}

// The same bounds as the server's (POST /api/v1/batches): 1-100 topics, each within
// the graph's own rule for `topic`. The server checks them all again.
const kMaxBatchTopics = 100;
function batchTopics() {
  const topics = $("batch-topics").value.split("\n").map((t) => t.trim()).filter((t) => t !== "");
  if (topics.length === 0) throw new Error("Write at least one topic.");
  if (topics.length > kMaxBatchTopics) throw new Error("At most " + kMaxBatchTopics + " topics, one per line.");
  const max = Number($("batch-topics").dataset.maxLength);
  const long = topics.findIndex((t) => max && t.length > max);
  if (long >= 0) throw new Error("topic " + (long + 1) + " is longer than " + max + " characters.");
  return topics;
}

$("batch-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("batch-error").textContent = ""; $("batch-status").textContent = "";
  try {
    const batch = await api("/api/v1/batches", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ graph: $("graph").value, topics: batchTopics(), variables: formVariables("topic") }),
    });
    $("batch-status").textContent = "Batch " + batch.id.slice(-8) + ": " + batch.jobs.length + " jobs queued.";
    $("batch-topics").value = "";
    refreshJobs();
  } catch (e) {
    showRefusal($("batch-error"), e);
  }
});

async function refreshJobs() {
  try {
    const { jobs } = await api("/api/v1/jobs?limit=30");
    const rows = jobs.map((j) => {
      const tr = document.createElement("tr");
      tr.className = "job"; tr.dataset.id = j.id; tr.onclick = () => watch(j.id);
      for (const [text, cls] of [[j.id.slice(-8)], [j.graph], [j.state, "state-" + j.state],
                                 [new Date(j.created_at * 1000).toLocaleTimeString()]]) {
        const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td);
      }
      return tr;
    });
    $("jobs").replaceChildren(...rows);
  } catch (e) {
    if (e.status === 401) showLogin("Signed out: sign in again.");
  }
}

function stageRow(id, type) {
  let row = document.getElementById("stage-" + id);
  if (!row) {
    row = document.createElement("div");
    row.className = "stage"; row.id = "stage-" + id;
    row.innerHTML = '<span class="name"></span> <small class="msg"></small><div class="bar"><div></div></div>';
    row.querySelector(".name").textContent = id + " (" + type + ")";
    $("stages").appendChild(row);
  }
  return row;
}

function onEvent(ev) {
  const e = JSON.parse(ev.data);
  if (e.stage) {
    const row = stageRow(e.stage, e.type);
    const bar = row.querySelector(".bar > div");
    if (e.event === "stage_progress") bar.style.width = Math.round(e.progress * 100) + "%";
    if (e.event === "stage_finished") { bar.style.width = "100%"; row.classList.add("done"); }
    if (e.event === "stage_failed") { row.classList.add("failed"); }
    if (e.event === "stage_cancelled") { row.classList.add("cancelled"); }
    if (e.message) row.querySelector(".msg").textContent = e.message;
  }
  if (e.event === "job_started") { $("stages").innerHTML = ""; }
  if (e.state) $("job-state").textContent = e.state;
  if (e.event === "job_finished") { source.close(); source = null; showJob(current); refreshJobs(); }
}

async function showJob(id) {
  const job = await api("/api/v1/jobs/" + id);
  if (id !== current) return;
  $("job-state").textContent = job.state;
  $("job-state").className = "state-" + job.state;
  $("job-worker").textContent = job.worker ? "on " + job.worker + ", attempt " + job.attempts : "";
  $("job-error").textContent = job.error || "";
  $("cancel").hidden = job.state !== "queued" && job.state !== "running";
  // A finished job of an allowed graph can have one scene made again: the same graph
  // and variables with a `redo`, a new job (a new take of an earlier redo).
  $("redo-form").hidden = job.state !== "succeeded" || !job.graph;
  $("redo-form").job = job;
  const list = $("outputs"); list.innerHTML = "";
  for (const name of job.outputs) {
    const li = document.createElement("li"), a = document.createElement("a");
    a.href = "/api/v1/jobs/" + id + "/outputs/" + name; a.textContent = name; li.appendChild(a); list.appendChild(li);
  }
  const video = job.outputs.find((n) => n.endsWith(".mp4"));
  const player = $("player");
  if (job.state === "succeeded" && video) {
    player.src = "/api/v1/jobs/" + id + "/outputs/" + video; player.hidden = false;
  } else {
    player.removeAttribute("src"); player.hidden = true;
  }
}

function watch(id) {
  if (source) source.close();
  current = id;
  $("detail-title").textContent = "Job " + id;
  $("stages").innerHTML = "";
  showJob(id).catch((e) => { $("job-error").textContent = e.message; });
  source = new EventSource("/api/v1/jobs/" + id + "/events");
  for (const name of ["job_queued", "job_started", "job_retrying", "job_requeued", "job_cancelling", "job_finished",
                      "run_started", "stage_started", "stage_progress", "stage_retrying", "stage_finished",
                      "stage_failed", "stage_cancelled", "run_cancelled", "run_finished"])
    source.addEventListener(name, onEvent);
}

$("redo-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("redo-error").textContent = "";
  const job = $("redo-form").job;
  const take = Math.min((job.redo ? job.redo.take : 0) + 1, 1000);
  try {
    const redone = await api("/api/v1/jobs", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ graph: job.graph, variables: job.variables,
                             redo: { scenes: [Number($("redo-scene").value)], take } }),
    });
    refreshJobs();
    watch(redone.id);
  } catch (e) {
    showRefusal($("redo-error"), e);
  }
});

$("cancel").addEventListener("click", async () => {
  if (!current) return;
  try { await api("/api/v1/jobs/" + current + "/cancel", { method: "POST" }); } catch (e) { $("job-error").textContent = e.message; }
  showJob(current);
});

start();
