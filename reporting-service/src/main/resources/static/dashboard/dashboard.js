/*
 * The district dashboard: every figure comes from the reports API (/api/v1/reports/...) through the gateway, with
 * the user's own token (authorization code + PKCE, public client "practice-dashboard"), so the page shows exactly
 * what the API answers to that user. State lives in the address (district, unit, from, to, granularity, view, lang,
 * mode), so a reload, a bookmark or the big screen keeps it. A city's analyst (token role CITY_ANALYST) first sees the
 * city: its districts side by side and the city's own figures (/api/v1/reports/cities/...); the area picker opens a
 * district's own dashboard, read as a district-wide analyst.
 */
'use strict';

(function () {
    const CLIENT = 'practice-dashboard';
    const REDIRECT = location.origin + '/dashboard/';
    const TOKEN_KEY = 'practice-dashboard.token';
    const LOGIN_KEY = 'practice-dashboard.login';
    const ZONE = 'Asia/Shanghai';
    const OPEN_STATUSES = ['SUBMITTED', 'REVIEWED', 'DISPATCHED', 'ACCEPTED', 'IN_SERVICE', 'REOPENED'];
    const TIER_COLOURS = {CENTER: '#c62f2f', SUB_CENTER: '#e0793b', INSTITUTE: '#d9a400', STATION: '#3a7bd5', POINT: '#7a8ca3'};
    const charts = {};
    let generation = 0;
    let refreshTimer = null;
    /** The caller's city ({cityId, name, districts}) once read; null for everyone but a city's analysts. */
    let city = null;

    // ---- the address holds the state ---------------------------------------------------------------------------

    const params = new URLSearchParams(location.search);
    const state = {
        unit: params.get('unit') || '',
        to: params.get('to') || today(),
        from: params.get('from') || '',
        granularity: params.get('granularity') || 'month',
        view: params.get('view') || 'now',
        lang: params.get('lang') === 'en' ? 'en' : 'zh',
        mode: params.get('mode') === 'screen' ? 'screen' : 'analyst',
        refresh: Math.max(10, parseInt(params.get('refresh') || '60', 10) || 60),
        district: params.get('district') || ''
    };
    if (!state.from) {
        const to = new Date(state.to + 'T00:00:00Z');
        state.from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 5, 1)).toISOString().slice(0, 10);
    }

    function today() {
        return new Intl.DateTimeFormat('en-CA', {timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit'})
            .format(new Date());
    }

    function address(changes) {
        const next = Object.assign({}, state, changes);
        const query = new URLSearchParams();
        ['district', 'unit', 'from', 'to', 'granularity', 'view'].forEach(key => next[key] && query.set(key, next[key]));
        if (next.lang !== 'zh') query.set('lang', next.lang);
        if (next.mode === 'screen') query.set('mode', 'screen');
        if (next.mode === 'screen' && next.refresh !== 60) query.set('refresh', String(next.refresh));
        return location.pathname + '?' + query.toString();
    }

    function go(changes) {
        Object.assign(state, changes);
        history.pushState(null, '', address({}));
        load();
    }

    const t = key => (I18N[state.lang][key] !== undefined ? I18N[state.lang][key] : key);
    const label = (group, key) => (I18N[state.lang][group] || {})[key] || key;

    // ---- login: authorization code with PKCE --------------------------------------------------------------------

    function base64url(bytes) {
        return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes)))
            .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    async function login() {
        const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
        const stateValue = base64url(crypto.getRandomValues(new Uint8Array(16)));
        const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
        sessionStorage.setItem(LOGIN_KEY, JSON.stringify({verifier, state: stateValue, back: location.search}));
        const query = new URLSearchParams({response_type: 'code', client_id: CLIENT, redirect_uri: REDIRECT,
            scope: 'openid reports:read', state: stateValue, code_challenge: challenge, code_challenge_method: 'S256'});
        location.assign('/oauth2/authorize?' + query.toString());
    }

    /** Back from the login with a code: trade it for a token, then restore the address the user came from. */
    async function finishLogin() {
        const pending = JSON.parse(sessionStorage.getItem(LOGIN_KEY) || 'null');
        sessionStorage.removeItem(LOGIN_KEY);
        if (!pending || pending.state !== params.get('state')) {
            throw new Error(t('loginFailed') + ': state');
        }
        const answer = await fetch('/oauth2/token', {
            method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
            body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'),
                redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: pending.verifier})
        });
        if (!answer.ok) {
            throw new Error(t('loginFailed') + ': ' + answer.status);
        }
        const tokens = await answer.json();
        sessionStorage.setItem(TOKEN_KEY, JSON.stringify({
            accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000}));
        history.replaceState(null, '', location.pathname + (pending.back || ''));
        new URLSearchParams(pending.back || '').forEach((value, key) => {
            if (key in state) state[key] = key === 'refresh' ? parseInt(value, 10) : value;
        });
    }

    /** The token while it has a minute left; null otherwise. */
    function token() {
        const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
        return saved && saved.expiresAt > Date.now() + 60000 ? saved.accessToken : null;
    }

    function claims() {
        const part = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
        return JSON.parse(new TextDecoder().decode(bytes));
    }

    // ---- the reports API ----------------------------------------------------------------------------------------

    class Unauthorized extends Error {
    }

    /** The district: the address's, else the token's (another OIDC provider may not name it). */
    function district() {
        return state.district || claims().practice_district;
    }

    /** The city of a city's analyst (their token names it, and no district); null for everyone else. */
    function cityOfCaller() {
        const c = claims();
        return c.practice_role === 'CITY_ANALYST' ? c.practice_city : null;
    }

    /** The city's reports take the range and the tree's view; every district whole, no unit. */
    function cityQuery(withGranularity) {
        const q = new URLSearchParams({from: state.from, to: state.to, view: state.view});
        if (withGranularity) q.set('granularity', state.granularity);
        return q;
    }

    /** Every row of one of the city's paginated reports ('figures' per period, 'districts' over the range). */
    async function allCity(report) {
        const rows = [];
        for (let page = 0; ; page++) {
            const q = cityQuery(report === 'figures');
            q.set('page', String(page));
            q.set('size', '500');
            const answer = await call('cities/' + city.cityId + '/' + report, q);
            rows.push(...answer.items);
            if (rows.length >= answer.total || answer.items.length === 0) {
                return rows;
            }
        }
    }

    function query(extra) {
        const q = new URLSearchParams({district: district(), from: state.from, to: state.to,
            granularity: state.granularity, view: state.view});
        Object.entries(extra || {}).forEach(([key, value]) => value && q.set(key, value));
        return q;
    }

    async function call(path, q, accept) {
        const answer = await fetch('/api/v1/reports/' + path + '?' + q.toString(),
            {headers: {Authorization: 'Bearer ' + token(), Accept: accept || 'application/json'}});
        if (answer.status === 401) {
            throw new Unauthorized();
        }
        if (!answer.ok) {
            const problem = await answer.json().catch(() => ({}));
            throw new Error(t('loadFailed') + ' (' + path + '): ' + (problem.detail || answer.status));
        }
        return accept ? answer.blob() : answer.json();
    }

    /** Every row of a paginated report. */
    async function all(path, extra) {
        const rows = [];
        for (let page = 0; ; page++) {
            const q = query(extra);
            q.set('page', String(page));
            q.set('size', '500');
            const answer = await call(path, q);
            rows.push(...answer.items);
            if (rows.length >= answer.total || answer.items.length === 0) {
                return rows;
            }
        }
    }

    async function download(report) {
        const ofCity = report.startsWith('city:');
        const q = ofCity ? cityQuery(report === 'city:figures')
            : query({unit: state.unit, limit: report === 'top/units' ? '100' : ''});
        q.set('size', '500');
        const path = ofCity ? 'cities/' + city.cityId + '/' + report.slice(5) : report;
        const blob = await call(path, q, 'text/csv');
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = (ofCity ? 'city-' + report.slice(5) : report.replace('/', '-')) + '-' + state.from + '-'
            + state.to + '.csv';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }

    // ---- loading and drawing ------------------------------------------------------------------------------------

    async function load() {
        const mine = ++generation;
        document.body.dataset.state = 'loading';
        try {
            if (!token()) {
                await login();
                return;
            }
            const cityId = cityOfCaller();
            document.body.toggleAttribute('data-city-analyst', cityId !== null);
            if (cityId !== null && (city === null || city.cityId !== cityId)) {
                const cities = await call('cities', new URLSearchParams());
                city = cities.find(c => c.cityId === cityId) || {cityId, name: cityId, districts: []};
            }
            const shown = city !== null && !state.district ? await loadCity(mine) : await loadDistrict(mine);
            if (shown === null) {
                return;
            }
            drawPicker();
            document.getElementById('error').hidden = true;
            document.getElementById('updated').textContent = t('updated') + ' ' + new Date().toLocaleTimeString(
                state.lang === 'zh' ? 'zh-CN' : 'en-GB', {timeZone: ZONE});
            document.body.dataset.unit = shown;
            document.body.dataset.generation = String(mine);
            document.body.dataset.state = 'ready';
        } catch (failure) {
            if (failure instanceof Unauthorized) {
                sessionStorage.removeItem(TOKEN_KEY);
                await login();
                return;
            }
            const banner = document.getElementById('error');
            banner.textContent = failure.message;
            banner.hidden = false;
            document.body.dataset.state = 'error';
        }
    }

    /** A district's own dashboard; the unit shown, or null when a newer load took over. */
    async function loadDistrict(mine) {
        const unit = state.unit || undefined;
        const [units, figures, assessment, demand, open] = await Promise.all([
            all('units', {}), all('figures', {unit, scope: 'subtree'}), call('assessment', query({unit})),
            all('unmet-demand', {unit}), all('open-requests', {unit})]);
        if (mine !== generation) {
            return null;
        }
        document.body.dataset.view = 'district';
        const subject = units.find(u => u.unitId === (state.unit || units[0].unitId)) || units[0];
        draw({units, subject, figures, assessment, demand, open});
        return subject.unitId;
    }

    /** The city: its districts side by side over the range, the city's own figures per period. */
    async function loadCity(mine) {
        const [side, perPeriod] = await Promise.all([allCity('districts'), allCity('figures')]);
        if (mine !== generation) {
            return null;
        }
        document.body.dataset.view = 'city';
        drawCity(side, perPeriod.filter(row => row.districtId === null).map(row => row.figures));
        return 'city:' + city.cityId;
    }

    /** The area picker of a city's analyst: the whole city, or one of its districts. */
    function drawPicker() {
        const picker = document.getElementById('area-picker');
        if (city === null) {
            return;
        }
        const option = (value, text) => {
            const o = document.createElement('option');
            o.value = value;
            o.textContent = text;
            return o;
        };
        picker.replaceChildren(option('', city.name + ' · ' + t('wholeCity')),
            ...city.districts.map(d => option(d.districtId, d.name)));
        picker.value = state.district || '';
        picker.onchange = () => go({district: picker.value, unit: ''});
    }

    function chart(id) {
        if (!charts[id]) {
            charts[id] = echarts.init(document.getElementById(id), state.mode === 'screen' ? 'dark' : null);
        }
        return charts[id];
    }

    const number = v => (v === null || v === undefined ? '–' : String(v));
    const percent = v => (v === null || v === undefined ? '–' : (v * 100).toFixed(1) + '%');
    const decimal = (v, digits) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

    function sum(rows, pick) {
        const totals = {};
        rows.forEach(row => Object.entries(pick(row)).forEach(([key, value]) => {
            totals[key] = (totals[key] || 0) + value;
        }));
        return totals;
    }

    /** Each figure shows its formatted text and keeps the API's value in data-value (for tests and tools). */
    function drawFigures(shown) {
        Object.entries(shown).forEach(([key, [value, format]]) => {
            const element = document.querySelector('[data-figure="' + key + '"]');
            element.textContent = format(value);
            element.dataset.value = value === null || value === undefined ? '' : String(value);
        });
    }

    /** The figure cards of one row of /figures over the whole range (the city's row of its side-by-side). */
    function rangeFigures(row) {
        const open = OPEN_STATUSES.reduce((n, status) => n + (row.requests.byStatus[status] || 0), 0);
        return {
            submitted: [row.requests.submitted, number], open: [open, number],
            completed: [row.requests.byStatus.COMPLETED, number], completionRate: [row.completionRate, percent],
            escalated: [row.escalatedRequests, number], averageRating: [row.satisfaction.averageRating, v => decimal(v, 2)],
            share4to5: [row.satisfaction.share4to5, percent], volunteersActive: [row.volunteers.active, number],
            volunteerHours: [row.hours.credit + row.hours.honour, v => decimal(v, 1)],
            activitiesHeld: [row.activities.held, number], stations: [row.unitsByTierAndStatus.STATION.ACTIVE, number],
            gridCoverage: [row.coverage.gridRate, percent]
        };
    }

    function drawCity(side, figures) {
        const whole = side.find(row => row.districtId === null);
        drawFigures(rangeFigures(whole.figures));
        document.getElementById('district').textContent = city.name;
        document.getElementById('path').replaceChildren();
        const body = document.querySelector('#city-districts tbody');
        body.replaceChildren(...side.map(row => {
            const tr = document.createElement('tr');
            tr.dataset.district = row.districtId === null ? '' : row.districtId;
            if (row.districtId === null) tr.className = 'city';
            const name = document.createElement('td');
            if (row.districtId === null) {
                name.textContent = row.name;
            } else {
                const link = document.createElement('a');
                link.href = address({district: row.districtId, unit: ''});
                link.textContent = row.name;
                link.addEventListener('click', event => {
                    event.preventDefault();
                    go({district: row.districtId, unit: ''});
                });
                name.append(link);
            }
            const f = row.figures;
            const cells = [[f.requests.submitted, number], [f.requests.byStatus.COMPLETED, number],
                [f.completionRate, percent], [f.satisfaction.averageRating, v => decimal(v, 2)],
                [f.volunteers.active, number], [f.hours.credit + f.hours.honour, v => decimal(v, 1)],
                [f.activities.held, number], [f.slaCompliance, percent]].map(([value, format]) => {
                const td = document.createElement('td');
                td.textContent = format(value);
                td.dataset.value = value === null || value === undefined ? '' : String(value);
                return td;
            });
            tr.append(name, ...cells);
            return tr;
        }));
        const districts = side.filter(row => row.districtId !== null);
        const text = state.mode === 'screen' ? {fontSize: 16} : {};
        chart('chart-districts').setOption({
            tooltip: {trigger: 'axis'}, legend: {top: 0, textStyle: text}, grid: {top: 40, bottom: 30, left: 50, right: 60},
            xAxis: {type: 'category', data: districts.map(row => row.name), axisLabel: text},
            yAxis: [{type: 'value', minInterval: 1, axisLabel: text}, {type: 'value', min: 0, max: 1,
                axisLabel: Object.assign({formatter: v => Math.round(v * 100) + '%'}, text)}],
            series: [{name: t('submitted'), type: 'bar', data: districts.map(row => row.figures.requests.submitted)},
                {name: t('completed'), type: 'bar', data: districts.map(row => row.figures.requests.byStatus.COMPLETED)},
                {name: t('completionRate'), type: 'line', yAxisIndex: 1,
                    data: districts.map(row => row.figures.completionRate)}]
        }, true);
        drawCharts(figures, text);
    }

    function draw(data) {
        const {units, subject, figures, assessment} = data;
        const shown = {
            submitted: [subject.submitted, number], open: [subject.open, number],
            completed: [subject.completed, number], completionRate: [subject.completionRate, percent],
            escalated: [subject.escalated, number], averageRating: [subject.averageRating, v => decimal(v, 2)],
            share4to5: [assessment.share4to5, percent], volunteersActive: [subject.activeVolunteers, number],
            volunteerHours: [assessment.volunteerHours, v => decimal(v, 1)],
            activitiesHeld: [assessment.activitiesHeld, number], stations: [assessment.stations, number],
            // Grids whose community a station serves, on the range's last day.
            gridCoverage: [figures.length ? figures[figures.length - 1].coverage.gridRate : null, percent]
        };
        drawFigures(shown);
        drawPath(units, subject);
        drawTree(units, subject);
        const text = state.mode === 'screen' ? {fontSize: 16} : {};
        drawCharts(figures, text);
        drawDemand(data.demand, text);
        drawMap(units, data.open, text);
    }

    /** The charts a district and a city share, from the rows of /figures (one per period). */
    function drawCharts(figures, text) {
        const periods = figures.map(row => row.period);
        const axis = {axisLabel: text};
        const legend = {top: 0, textStyle: text};

        const byStatus = sum(figures, row => row.requests.byStatus);
        chart('chart-status').setOption({
            tooltip: {trigger: 'item'}, legend: Object.assign({type: 'scroll', bottom: 0}, {textStyle: text}),
            series: [{type: 'pie', radius: ['35%', '65%'], label: text,
                data: Object.entries(byStatus).filter(([, n]) => n > 0)
                    .map(([status, n]) => ({name: label('statuses', status), value: n, status}))}]
        }, true);

        const byPlatform = sum(figures, row => row.requests.byPlatform);
        chart('chart-platform').setOption({
            tooltip: {trigger: 'axis'}, grid: {left: 10, right: 20, top: 10, bottom: 30, containLabel: true},
            xAxis: Object.assign({type: 'value', minInterval: 1}, axis),
            yAxis: Object.assign({type: 'category', data: Object.keys(byPlatform).map(p => label('platforms', p))}, axis),
            series: [{type: 'bar', data: Object.values(byPlatform), itemStyle: {color: '#c62f2f'}}]
        }, true);

        const statuses = Object.keys(figures.length ? figures[0].requests.byStatus : {});
        chart('chart-trend').setOption({
            tooltip: {trigger: 'axis'}, legend: Object.assign({type: 'scroll'}, legend), grid: {top: 40, bottom: 30, left: 50, right: 20},
            xAxis: Object.assign({type: 'category', data: periods}, axis), yAxis: Object.assign({type: 'value', minInterval: 1}, axis),
            series: statuses.map(status => ({name: label('statuses', status), type: 'bar', stack: 'requests',
                data: figures.map(row => row.requests.byStatus[status])}))
        }, true);

        chart('chart-times').setOption({
            tooltip: {trigger: 'axis'}, legend: Object.assign({type: 'scroll'}, legend), grid: {top: 40, bottom: 30, left: 60, right: 60},
            xAxis: Object.assign({type: 'category', data: periods}, axis),
            yAxis: [Object.assign({type: 'value', name: t('minutes')}, axis),
                Object.assign({type: 'value', name: t('slaRate'), min: 0, max: 1,
                    axisLabel: Object.assign({formatter: v => Math.round(v * 100) + '%'}, text)})],
            series: ['review', 'dispatch', 'accept', 'complete'].map(stage => ({
                name: t(stage) + ' p50', type: 'line', data: figures.map(row => row.stages[stage].p50Minutes)
            })).concat([{name: t('slaRate'), type: 'line', yAxisIndex: 1, lineStyle: {type: 'dashed'},
                data: figures.map(row => row.slaCompliance)}])
        }, true);

        chart('chart-satisfaction').setOption({
            tooltip: {trigger: 'axis'}, legend, grid: {top: 40, bottom: 30, left: 50, right: 60},
            xAxis: Object.assign({type: 'category', data: periods}, axis),
            yAxis: [Object.assign({type: 'value', min: 0, max: 5}, axis),
                Object.assign({type: 'value', min: 0, max: 1,
                    axisLabel: Object.assign({formatter: v => Math.round(v * 100) + '%'}, text)})],
            series: [{name: t('rating'), type: 'line', data: figures.map(row => row.satisfaction.averageRating)},
                {name: t('share4to5'), type: 'bar', yAxisIndex: 1, data: figures.map(row => row.satisfaction.share4to5)}]
        }, true);

        chart('chart-hours').setOption({
            tooltip: {trigger: 'axis'}, legend, grid: {top: 40, bottom: 30, left: 50, right: 50},
            xAxis: Object.assign({type: 'category', data: periods}, axis),
            yAxis: [Object.assign({type: 'value'}, axis), Object.assign({type: 'value', minInterval: 1}, axis)],
            series: [{name: t('credit'), type: 'bar', stack: 'hours', data: figures.map(row => row.hours.credit)},
                {name: t('honour'), type: 'bar', stack: 'hours', data: figures.map(row => row.hours.honour)},
                {name: t('activeVolunteers'), type: 'line', yAxisIndex: 1, data: figures.map(row => row.volunteers.active)}]
        }, true);

        const last = figures.length ? figures[figures.length - 1] : null;
        const stars = last ? last.volunteers.byStars : {};
        chart('chart-stars').setOption({
            tooltip: {trigger: 'axis'}, grid: {top: 20, bottom: 30, left: 50, right: 20},
            xAxis: Object.assign({type: 'category', data: Object.keys(stars).map(s => s + ' ' + t('star'))}, axis),
            yAxis: Object.assign({type: 'value', minInterval: 1}, axis),
            series: [{type: 'bar', data: Object.values(stars), itemStyle: {color: '#d9a400'}}]
        }, true);

        chart('chart-pairings').setOption({
            tooltip: {trigger: 'axis'}, legend, grid: {top: 40, bottom: 30, left: 50, right: 50},
            xAxis: Object.assign({type: 'category', data: periods}, axis),
            yAxis: [Object.assign({type: 'value', minInterval: 1}, axis), Object.assign({type: 'value', min: 0, max: 1,
                axisLabel: Object.assign({formatter: v => Math.round(v * 100) + '%'}, text)}, axis)],
            series: [{name: t('pairingsActive'), type: 'bar', data: figures.map(row => row.pairings.active)},
                {name: t('pairingsHealthy'), type: 'bar', data: figures.map(row => row.pairings.healthy)},
                {name: t('pairingHealth'), type: 'line', yAxisIndex: 1, data: figures.map(row => row.pairings.health)}]
        }, true);
    }

    function drawPath(units, subject) {
        const byId = new Map(units.map(u => [u.unitId, u]));
        const path = [];
        for (let unit = subject; unit; unit = unit.parentId ? byId.get(unit.parentId) : null) {
            path.unshift(unit);
        }
        const nav = document.getElementById('path');
        nav.replaceChildren(...path.map((unit, i) => {
            const link = document.createElement('a');
            link.href = address({unit: i === 0 ? '' : unit.unitId});
            link.textContent = unit.name;
            link.dataset.unit = unit.unitId;
            link.addEventListener('click', event => {
                event.preventDefault();
                go({unit: i === 0 ? '' : unit.unitId});
            });
            return link;
        }));
        const named = city === null ? null : city.districts.find(d => d.districtId === district());
        document.getElementById('district').textContent = named ? named.name : district();
    }

    function drawTree(units, subject) {
        const children = new Map();
        units.forEach(u => {
            if (u.parentId) {
                if (!children.has(u.parentId)) children.set(u.parentId, []);
                children.get(u.parentId).push(u);
            }
        });
        const item = unit => {
            const li = document.createElement('li');
            const link = document.createElement('a');
            link.href = address({unit: unit.unitId});
            link.dataset.unit = unit.unitId;
            link.className = 'tier-' + unit.tier.toLowerCase() + (unit.unitId === subject.unitId ? ' selected' : '')
                + (unit.status !== 'ACTIVE' ? ' inactive' : '');
            link.addEventListener('click', event => {
                event.preventDefault();
                go({unit: unit.unitId === units[0].unitId ? '' : unit.unitId});
            });
            const name = document.createElement('span');
            name.className = 'name';
            name.textContent = unit.name;
            const figures = document.createElement('span');
            figures.className = 'unit-figures';
            figures.dataset.submitted = String(unit.submitted);
            figures.textContent = unit.submitted + ' · ' + percent(unit.completionRate) + ' · ★' + decimal(unit.averageRating, 1);
            link.append(name, figures);
            li.append(link);
            const below = children.get(unit.unitId);
            if (below) {
                const ul = document.createElement('ul');
                ul.append(...below.map(item));
                li.append(ul);
            }
            return li;
        };
        const root = document.createElement('ul');
        if (units.length) root.append(item(units[0]));
        document.getElementById('tree').replaceChildren(root);
    }

    function drawDemand(demand, text) {
        const cells = new Map();
        const supply = new Map();
        demand.forEach(row => {
            const key = (row.grid || t('noGrid')) + '|' + row.platform;
            cells.set(key, (cells.get(key) || 0) + row.open + row.rejected + row.expired);
            supply.set(key, Math.max(supply.get(key) || 0, row.supply));
        });
        const grids = [...new Set([...cells.keys()].map(key => key.split('|')[0]))].sort();
        const platforms = Object.keys(I18N.zh.platforms);
        const data = [...cells.entries()].map(([key, n]) => {
            const [grid, platform] = key.split('|');
            return {value: [platforms.indexOf(platform), grids.indexOf(grid), n], supply: supply.get(key)};
        });
        chart('chart-demand').setOption({
            tooltip: {formatter: p => grids[p.value[1]] + ' · ' + label('platforms', platforms[p.value[0]]) + '<br>'
                    + t('unmet') + ': ' + p.value[2] + '<br>' + t('supply') + ': ' + p.data.supply},
            grid: {top: 10, bottom: 70, left: 10, right: 20, containLabel: true},
            xAxis: {type: 'category', data: platforms.map(p => label('platforms', p)), axisLabel: Object.assign({rotate: 30}, text)},
            yAxis: {type: 'category', data: grids, axisLabel: text},
            visualMap: {min: 0, max: Math.max(1, ...data.map(d => d.value[2])), calculable: true, orient: 'horizontal',
                left: 'center', bottom: 0, itemHeight: 80, textStyle: text, inRange: {color: ['#fff5e6', '#e0793b', '#a1151b']}},
            series: [{type: 'heatmap', data, label: Object.assign({show: true}, text)}]
        }, true);
    }

    function drawMap(units, open, text) {
        const series = Object.keys(TIER_COLOURS).map(tier => ({
            name: label('tiers', tier), type: 'scatter', symbolSize: {CENTER: 22, SUB_CENTER: 16, INSTITUTE: 14,
                STATION: 9, POINT: 6}[tier], itemStyle: {color: TIER_COLOURS[tier]},
            data: units.filter(u => u.tier === tier && u.latitude !== null)
                .map(u => ({value: [u.longitude, u.latitude], name: u.name, unitId: u.unitId}))
        })).filter(s => s.data.length);
        series.push({name: t('openRequests'), type: 'scatter', symbol: 'diamond', symbolSize: 7,
            itemStyle: {color: '#ff4d4f', opacity: 0.75},
            data: open.map(r => ({value: [r.longitude, r.latitude], name: label('platforms', r.platform) + ' · '
                    + label('statuses', r.status) + ' · ' + r.submittedOn}))});
        const map = chart('chart-map');
        map.setOption({
            tooltip: {formatter: p => p.data.name}, legend: {top: 0, textStyle: text},
            grid: {top: 40, bottom: 30, left: 60, right: 20},
            xAxis: {type: 'value', scale: true, name: '°E', axisLabel: text, splitLine: {lineStyle: {type: 'dashed'}}},
            yAxis: {type: 'value', scale: true, name: '°N', axisLabel: text, splitLine: {lineStyle: {type: 'dashed'}}},
            dataZoom: [{type: 'inside', xAxisIndex: 0}, {type: 'inside', yAxisIndex: 0}],
            series
        }, true);
        map.off('click');
        map.on('click', p => p.data && p.data.unitId && go({unit: p.data.unitId === units[0].unitId ? '' : p.data.unitId}));
    }

    // ---- the page around the charts -----------------------------------------------------------------------------

    function translate() {
        document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
        document.title = t('title');
        document.querySelectorAll('[data-i18n]').forEach(el => {
            el.textContent = t(el.dataset.i18n);
        });
    }

    function wire() {
        document.body.classList.toggle('screen', state.mode === 'screen');
        const form = document.getElementById('controls');
        form.from.value = state.from;
        form.to.value = state.to;
        form.granularity.value = state.granularity;
        form.view.value = state.view;
        form.addEventListener('submit', event => {
            event.preventDefault();
            go({from: form.from.value, to: form.to.value, granularity: form.granularity.value, view: form.view.value});
        });
        document.getElementById('lang').addEventListener('click', () => {
            location.assign(address({lang: state.lang === 'zh' ? 'en' : 'zh'}));
        });
        document.getElementById('screen-link').href = address({mode: 'screen'});
        document.getElementById('analyst-link').href = address({mode: 'analyst'});
        document.getElementById('fullscreen').addEventListener('click', () => document.documentElement.requestFullscreen());
        document.querySelectorAll('[data-csv]').forEach(link => link.addEventListener('click', event => {
            event.preventDefault();
            download(link.dataset.csv).catch(failure => {
                const banner = document.getElementById('error');
                banner.textContent = failure.message;
                banner.hidden = false;
            });
        }));
        window.addEventListener('popstate', () => location.reload());
        window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
        if (state.mode === 'screen') {
            refreshTimer = setInterval(load, state.refresh * 1000);
        }
    }

    async function start() {
        try {
            if (params.has('code')) {
                await finishLogin();
            }
        } catch (failure) {
            const banner = document.getElementById('error');
            banner.textContent = failure.message;
            banner.hidden = false;
            document.body.dataset.state = 'error';
            return;
        }
        translate();
        wire();
        await load();
    }

    window.practiceDashboard = {charts, state, reload: load, stop: () => clearInterval(refreshTimer)};
    start();
})();
